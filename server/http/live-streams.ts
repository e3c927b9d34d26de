import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendRefusal } from './refusal';

export interface LiveStreamLimits {
  /** Open streams one client address may hold (browser tabs behind one address). */
  perAddress: number;
  /** Open streams this app server holds in all. */
  total: number;
  /** A stream is ended after this long; the client reconnects at once. */
  maxDurationMs: number;
}

/** Seconds a refused client is asked to wait before trying again. */
const RETRY_AFTER_SECONDS = 30;

/**
 * Live-update streams (`milestone.onChange`, server-sent events) counted per client address
 * and in total, in this process: each open stream holds a socket, memory and a listener, so
 * past the caps a new one is refused before tRPC opens it (429 for the address, 503 for the
 * server), in tRPC's error shape. A stream frees its place when its connection closes, which
 * happens when the client leaves, when a heartbeat (server/trpc.ts) cannot be written to a
 * dead peer, and at the latest after `maxDurationMs`, when the server ends it itself: a client
 * that stopped reading, or vanished without a word, holds its place no longer than that.
 */
export class LiveStreams {
  private readonly byAddress = new Map<string, number>();
  private open = 0;

  constructor(private readonly limits: LiveStreamLimits) {}

  get count(): number {
    return this.open;
  }

  /** Counts the stream `req` opens, or answers the refusal and returns false. */
  admit(req: FastifyRequest, reply: FastifyReply): boolean {
    const address = req.ip;
    const mine = this.byAddress.get(address) ?? 0;
    if (mine >= this.limits.perAddress || this.open >= this.limits.total) {
      const perAddress = mine >= this.limits.perAddress;
      req.log.warn({ address, mine, open: this.open }, 'live stream refused: too many open');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      if (perAddress) sendRefusal(reply, 'errors.liveTooMany', 'TOO_MANY_REQUESTS');
      else sendRefusal(reply, 'errors.liveBusy', 'SERVICE_UNAVAILABLE');
      return false;
    }
    this.byAddress.set(address, mine + 1);
    this.open += 1;

    const deadline = setTimeout(() => {
      // Not a graceful end: a client that reads nothing would never let one finish. The
      // browser's EventSource reconnects on its own.
      req.log.info({ address }, 'live stream ended: it reached LIVE_STREAM_MAX_SECONDS');
      reply.raw.destroy();
    }, this.limits.maxDurationMs);
    deadline.unref();

    let released = false;
    reply.raw.once('close', () => {
      if (released) return;
      released = true;
      clearTimeout(deadline);
      this.open -= 1;
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left > 0) this.byAddress.set(address, left);
      else this.byAddress.delete(address);
    });
    return true;
  }
}
