// The standard events.k8s.io/v1 test rig: broadcaster + scripted sink + manual time + recorded sleeps + captured logs.
import { EventsV1Broadcaster, type EventsV1BroadcasterOptions } from '../../../src/events/event-broadcaster.js';
import { capturingLogger } from '../../support/logger.js';
import { recordedSleep } from '../../support/sleep.js';
import { ScriptedEventsSink, SlowEventsSink } from './events-sink.js';
import { ManualTime } from './manual-time.js';

export { capturingLogger, type LoggedLine as LogLine } from '../../support/logger.js';

export function setup(options: Partial<EventsV1BroadcasterOptions> = {}, start?: string) {
  const time = new ManualTime(start);
  const slept = recordedSleep();
  const logger = capturingLogger();
  const sink = new ScriptedEventsSink();
  const broadcaster = new EventsV1Broadcaster({
    sink,
    clock: time.clock,
    ticker: time.ticker,
    sleep: slept.sleep,
    logger,
    random: () => 0.5,
    ...options,
  });
  broadcaster.startRecording();
  const recorder = broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' });
  return { time, clock: time.clock, sink, broadcaster, recorder, logger, delays: slept.delays };
}

/**
 * The rig on manual time throughout: the broadcaster's `sleep` (retries, flush and shutdown deadlines) ends
 * only when `time.advance` reaches it. With `latencyMs`, every sink call also takes that long.
 */
export function manualSetup(options: Partial<EventsV1BroadcasterOptions> = {}, latencyMs = 0) {
  const time = new ManualTime();
  const logger = capturingLogger();
  const sink = latencyMs > 0 ? new SlowEventsSink(() => time.delay(latencyMs)) : new ScriptedEventsSink();
  const broadcaster = new EventsV1Broadcaster({
    sink,
    clock: time.clock,
    ticker: time.ticker,
    sleep: time.sleep,
    logger,
    random: () => 0.5,
    ...options,
  });
  broadcaster.startRecording();
  const recorder = broadcaster.newRecorder('example.com/ctrl', { reportingInstance: 'ctrl-0' });
  return { time, sink, broadcaster, recorder, logger, delays: time.delays };
}

export function pod(name = 'web-0', namespace = 'prod', resourceVersion = '1') {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: `uid-${name}`, resourceVersion } };
}

export function node(name = 'node-1') {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `uid-${name}`, resourceVersion: '7' } };
}
