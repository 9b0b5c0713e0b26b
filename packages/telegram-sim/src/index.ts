/**
 * telegram-sim's main entry: start a simulator, drive its time, play it with virtual players.
 * Every other module is reachable as `telegram-sim/<module>` (e.g. `telegram-sim/world-types`).
 *
 * @example
 * import { ManualClock, startSimulator } from 'telegram-sim';
 * const sim = await startSimulator({ clock: new ManualClock() });
 * // point the bot at sim.apiRoot with sim.token ...
 * await sim.close();
 */
export { ManualClock, systemClock, type Clock, type ClockTimer } from './clock.js';
export { BotApiError } from './errors.js';
export { nextBotMessage } from './bot-messages.js';
export { SIMULATOR_TOKEN, startSimulator, type Simulator, type SimulatorOptions, type SimulatorStats } from './simulator.js';
export { formatTranscript } from './transcript.js';
export { startVirtualPlayers, type VirtualPlayers, type VirtualPlayersOptions } from './virtual-players.js';
