import { Transform } from 'node:stream';
import { BodyError } from './json-off-thread';

/**
 * A request body passed through unchanged if it is UTF-8, refused (400, errors.invalidEncoding)
 * if not: decoded as Fastify decodes it, a broken sequence or an encoded surrogate would become
 * U+FFFD, and the text stored would silently differ from the text sent.
 */
export function strictUtf8(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.decode(chunk, { stream: true });
        done(null, chunk);
      } catch {
        done(new BodyError('errors.invalidEncoding'));
      }
    },
    flush(done) {
      try {
        decoder.decode();
        done();
      } catch {
        done(new BodyError('errors.invalidEncoding'));
      }
    },
  });
}
