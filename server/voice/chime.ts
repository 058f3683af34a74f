/**
 * The chime before every call (叮咚): two bell-like tones falling a major third, E5 then C5, so
 * people look up before the words start. Generated, so there is no sound file to ship or license.
 */
import type { Pcm } from './wav';

interface Strike {
  at: number;
  hz: number;
  seconds: number;
}

const STRIKES: Strike[] = [
  { at: 0, hz: 659.25, seconds: 0.9 },
  { at: 0.42, hz: 523.25, seconds: 1.1 },
];
/** A bell's partials: the fundamental, the octave and a soft twelfth. */
const PARTIALS = [
  { ratio: 1, gain: 1, decay: 0.45 },
  { ratio: 2, gain: 0.35, decay: 0.25 },
  { ratio: 3, gain: 0.12, decay: 0.15 },
];
// Long enough that the strike is heard as a bell, not a click across every frequency.
const ATTACK_S = 0.02;
const PEAK = 0.7;

/** The chime at `sampleRate`, peaking at 0.7 of full scale. */
export function chime(sampleRate: number): Pcm {
  const total = Math.max(...STRIKES.map((s) => s.at + s.seconds));
  const samples = new Float32Array(Math.ceil(total * sampleRate));
  for (const strike of STRIKES) {
    const start = Math.round(strike.at * sampleRate);
    const n = Math.round(strike.seconds * sampleRate);
    for (let i = 0; i < n && start + i < samples.length; i++) {
      const t = i / sampleRate;
      const attack = Math.min(1, t / ATTACK_S);
      // Fade the last 50 ms to zero so the tone ends without a click.
      const tail = Math.min(1, (strike.seconds - t) / 0.05);
      let v = 0;
      for (const p of PARTIALS) v += p.gain * Math.exp(-t / p.decay) * Math.sin(2 * Math.PI * strike.hz * p.ratio * t);
      samples[start + i]! += v * attack * tail;
    }
  }
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  for (let i = 0; i < samples.length; i++) samples[i]! *= PEAK / peak;
  return { sampleRate, samples };
}
