/** The running totals behind /monitoring/stats' `message_queue` (outbound-queue.ts stats()). */
export interface QueueCounters {
  /** Calls Telegram answered ok. */
  processed: number;
  /** Calls that ended in an error (Telegram's, a network failure, an unreachable chat). */
  failed: number;
  /** Calls refused at the door: queue full or closed. */
  refused: number;
  /** Calls not sent on purpose (guard, abort). */
  cancelled: number;
  rateLimitHits: number;
  retries: number;
  /** 429 pauses that other instances took, heard through Redis and applied here. */
  sharedPausesReceived: number;
}

export function createQueueCounters(): QueueCounters {
  return { processed: 0, failed: 0, refused: 0, cancelled: 0, rateLimitHits: 0, retries: 0, sharedPausesReceived: 0 };
}
