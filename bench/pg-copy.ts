import { finished, Readable } from 'node:stream';
import type { Connection, Pool, Submittable } from 'pg';

/**
 * `COPY (…) TO STDOUT` as a stream of the bytes PostgreSQL sends, through pg's submittable
 * hook (the one pg-cursor and pg-copy-streams are built on), so the floor needs no package the
 * app does not have. The socket is paused while the reader is behind: memory stays flat.
 */
class CopyOut extends Readable implements Submittable {
  private connection: Connection | null = null;

  constructor(private readonly text: string) {
    super();
  }

  submit(connection: Connection) {
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyData(message: { chunk: Buffer }) {
    if (!this.push(message.chunk)) this.connection?.stream.pause();
  }

  handleCommandComplete() {}

  handleReadyForQuery() {
    // The client goes back to the pool: its socket must not stay paused for the next query.
    this.connection?.stream.resume();
    this.push(null);
  }

  handleError(error: Error) {
    this.connection?.stream.resume();
    this.destroy(error);
  }

  override _read() {
    this.connection?.stream.resume();
  }
}

/** Streams `COPY (${select}) TO STDOUT WITH (FORMAT csv)` on a connection of `pool`, returned when the stream ends. */
export async function copyOut(pool: Pool, select: string): Promise<Readable> {
  const client = await pool.connect();
  const stream = client.query(new CopyOut(`copy (${select}) to stdout with (format csv)`));
  // Abandoned half-way, the connection still has rows in flight: drop it rather than reuse it.
  finished(stream, (error) => client.release(error ?? undefined));
  return stream;
}
