/**
 * How a hall announces calls (语音叫号): how often, how fast and loud, in which languages, and which
 * speakers (zone) say each area's calls. The words themselves are built in server/voice.
 */
import type { HallConfig, VoiceConfig, VoiceZone } from './types';

/** A hall's voice settings with every default filled in. */
export interface VoiceSettings {
  /** How often the call is spoken after the chime. */
  repeats: number;
  /** Speaking speed, 1 = normal. */
  rate: number;
  /** Loudness, 0.1–1. */
  volume: number;
  /** Languages spoken, in order; the first is the one shown. */
  locales: NonNullable<VoiceConfig['locales']>;
  /** Whether the window's configured name is said too. */
  windowName: boolean;
  zones: VoiceZone[];
  /** Sound device of the `hall` zone on the server; null = the default device. */
  device: string | null;
  /** Whether the server's own speakers announce this hall (when the server has speakers at all). */
  speaker: boolean;
}

/** The zone of every area that no configured zone claims. */
export const HALL_ZONE = 'hall';

const DEFAULT_VOICE: VoiceSettings = {
  repeats: 2,
  rate: 1,
  volume: 1,
  locales: ['zh-CN'],
  windowName: false,
  zones: [],
  device: null,
  speaker: true,
};

/** The hall's voice settings, defaults where the configuration is silent. */
export function voiceSettings(hall: HallConfig): VoiceSettings {
  const v = hall.voice ?? {};
  return {
    repeats: v.repeats ?? DEFAULT_VOICE.repeats,
    rate: v.rate ?? DEFAULT_VOICE.rate,
    volume: v.volume ?? DEFAULT_VOICE.volume,
    locales: v.locales && v.locales.length > 0 ? [...v.locales] : [...DEFAULT_VOICE.locales],
    windowName: v.windowName ?? DEFAULT_VOICE.windowName,
    zones: v.zones ?? [],
    device: v.device ?? null,
    speaker: v.speaker ?? DEFAULT_VOICE.speaker,
  };
}

/** The zone whose speakers announce calls of `areaId`: the first zone listing it, else `hall`. */
export function zoneOf(voice: VoiceSettings, areaId: string): string {
  return voice.zones.find((z) => z.areaIds.includes(areaId))?.id ?? HALL_ZONE;
}
