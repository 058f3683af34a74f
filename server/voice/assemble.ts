/**
 * One call's audio: the chime, then the spoken call repeated (default twice), every language in
 * turn, at the hall's volume. Speech is trimmed of the engine's own leading and trailing silence and
 * brought to one level, so the pauses and the loudness are ours and the same for every call.
 */
import type { Pcm } from './wav';

const AFTER_CHIME_S = 0.35;
const BETWEEN_LANGUAGES_S = 0.5;
const BETWEEN_REPEATS_S = 0.9;
const TAIL_S = 0.3;
/** Speech peaks at about -1 dBFS at volume 1; espeak-ng itself peaks at full scale and may clip. */
const SPEECH_PEAK = 0.89;
/** What counts as silence when trimming: about -50 dBFS. */
const SILENCE = 0.003;

export interface CallAudio {
  chime: Pcm;
  /** The call in each language, in the order they are spoken. */
  speech: Pcm[];
  repeats: number;
  /** 0.1–1. */
  volume: number;
}

function trim(samples: Float32Array): Float32Array {
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]!) < SILENCE) start++;
  while (end > start && Math.abs(samples[end - 1]!) < SILENCE) end--;
  return samples.subarray(start, end);
}

function peakOf(samples: Float32Array): number {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  return peak;
}

export function assembleCall(audio: CallAudio): Pcm {
  const { sampleRate } = audio.chime;
  for (const s of audio.speech) {
    if (s.sampleRate !== sampleRate) throw new Error(`speech at ${s.sampleRate} Hz cannot follow a chime at ${sampleRate} Hz`);
  }
  const gap = (seconds: number) => new Float32Array(Math.round(seconds * sampleRate));
  const speech = audio.speech.map((s) => {
    const trimmed = trim(s.samples);
    const peak = peakOf(trimmed);
    const gain = peak > 0 ? (SPEECH_PEAK * audio.volume) / peak : 0;
    return trimmed.map((v) => v * gain);
  });
  const pieces: Float32Array[] = [audio.chime.samples.map((v) => v * audio.volume), gap(AFTER_CHIME_S)];
  for (let r = 0; r < audio.repeats; r++) {
    if (r > 0) pieces.push(gap(BETWEEN_REPEATS_S));
    speech.forEach((s, i) => {
      if (i > 0) pieces.push(gap(BETWEEN_LANGUAGES_S));
      pieces.push(s);
    });
  }
  pieces.push(gap(TAIL_S));
  const samples = new Float32Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    samples.set(p, at);
    at += p.length;
  }
  return { sampleRate, samples };
}
