import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { type TRPC_ERROR_CODE_KEY, TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * A refusal made outside tRPC (a guard in front of it, or Fastify itself), in tRPC's error
 * shape with a message key, so every client reads every refusal the same way and none carries
 * Fastify's own words, error codes or the URL it was sent.
 */
export function refusal(message: string, code: TRPC_ERROR_CODE_KEY) {
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code }));
  return { error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus } } };
}

export function sendRefusal(reply: FastifyReply, message: string, code: TRPC_ERROR_CODE_KEY) {
  const body = refusal(message, code);
  return reply.code(body.error.data.httpStatus).send(body);
}

/** What Fastify refuses on its own, by status: the tRPC code and the message key of each. */
const FRAMEWORK_REFUSALS: Record<number, [TRPC_ERROR_CODE_KEY, string]> = {
  400: ['BAD_REQUEST', 'errors.invalidInput'],
  404: ['NOT_FOUND', 'errors.notFound'],
  405: ['METHOD_NOT_SUPPORTED', 'errors.invalidInput'],
  413: ['PAYLOAD_TOO_LARGE', 'errors.tooLarge'],
  414: ['BAD_REQUEST', 'errors.tooLarge'],
  415: ['UNSUPPORTED_MEDIA_TYPE', 'errors.jsonOnly'],
  431: ['BAD_REQUEST', 'errors.tooLarge'],
};

/**
 * The app's error handler for what reaches Fastify's (a body over the limit, a body that does
 * not parse, an unexpected failure): a 4xx keeps its status with the key of its kind, anything
 * else is a 500 whose cause goes to the log only.
 */
export function frameworkErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  const known = FRAMEWORK_REFUSALS[status];
  if (status < 500 && known) {
    req.log.info({ code: error.code, url: req.url.slice(0, 200) }, 'request refused');
    // An error of the app's own (a body refused by a parser) names its key.
    const key = (error as { messageKey?: string }).messageKey ?? known[1];
    const body = refusal(key, known[0]);
    return reply.code(status).send({ error: { ...body.error, data: { ...body.error.data, httpStatus: status } } });
  }
  if (status < 500) return sendRefusal(reply, 'errors.invalidInput', 'BAD_REQUEST');
  req.log.error({ err: error, url: req.url.slice(0, 200) }, 'request failed');
  return sendRefusal(reply, 'errors.internal', 'INTERNAL_SERVER_ERROR');
}

/**
 * What Node's HTTP parser refuses before Fastify has a request (headers too large, a request
 * line that does not parse, a client too slow to send its request): Fastify's own handler,
 * with the app's body. The connection is closed, as Node and Fastify do.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, message]: [number, TRPC_ERROR_CODE_KEY, string] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'BAD_REQUEST', 'errors.tooLarge']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'TIMEOUT', 'errors.timeout']
        : [400, 'BAD_REQUEST', 'errors.invalidInput'];
  const shape = refusal(message, code);
  const body = JSON.stringify({ error: { ...shape.error, data: { ...shape.error.data, httpStatus: status } } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
