// Types for the platform base class of `say` (0.16), which its own typings do not export.
declare module 'say/platform/base.js' {
  import type { ChildProcess, SpawnOptions } from 'node:child_process';

  export interface SayCommand {
    command: string;
    args: string[];
    pipedData?: string;
    options?: SpawnOptions;
  }

  export default class SayPlatformBase {
    child: ChildProcess | null;
    baseSpeed: number;
    speak(text: string, voice: string | null, speed: number | null, callback?: (err: Error | null) => void): void;
    export(text: string, voice: string | null, speed: number | null, filename: string, callback?: (err: Error | null) => void): void;
    stop(callback?: (err: Error | null) => void): void;
    convertSpeed(speed: number): number;
    getInstalledVoices(callback: (err: Error | null, voices?: string[]) => void): void;
  }
}
