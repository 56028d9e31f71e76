import type { Io } from '../src/cli/main.ts';
export declare function loadCli(): Promise<{ main: (argv: readonly string[], io: Io) => Promise<number>; processIo: () => Io }>;
