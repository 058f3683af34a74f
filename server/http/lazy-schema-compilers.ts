/**
 * Fastify's own schema compilers (ajv for request validation, fast-json-stringify for responses),
 * each route's functions compiled when the route first needs them instead of all at start.
 *
 * Why: Fastify compiles every route's validators and one serializer per response status (every
 * route declares its error answers too) before it listens — measured on the 2-core machine, about a
 * second of a node's start, most of it for answers a route rarely gives. Compiled on first use,
 * a start pays nothing for them and a route's first request pays a few milliseconds once.
 * The compilers, their options and the functions they make are Fastify's defaults, unchanged.
 */
import AjvCompiler from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Validate = ((data: unknown) => unknown) & { errors?: unknown };
type Factory<C> = (externalSchemas: unknown, options: never) => C;

/** `compile(route)` deferred to the first call of the function it makes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a bound over every one-argument function needs `any` (parameters are contravariant)
function lazily<R, F extends (data: any) => unknown>(compile: (route: R) => F, route: R): F {
  let compiled: F | null = null;
  const first = function (this: unknown, data: unknown) {
    compiled ??= compile(route);
    const result = compiled.call(this, data);
    // ajv reports why data failed on the function itself; Fastify reads it from the one it holds.
    (first as Validate).errors = (compiled as Validate).errors;
    return result;
  };
  return first as unknown as F;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
function deferred<R, F extends (data: any) => unknown>(factory: Factory<(route: R) => F>): Factory<(route: R) => F> {
  return (externalSchemas, options) => {
    const compile = factory(externalSchemas, options);
    return (route: R) => lazily(compile, route);
  };
}

/** For `Fastify({ schemaController })`. */
export function lazySchemaController(): NonNullable<FastifyServerOptions['schemaController']> {
  return {
    compilersFactory: {
      buildValidator: deferred(AjvCompiler() as unknown as Factory<(route: unknown) => Validate>),
      buildSerializer: deferred(SerializerSelector() as unknown as Factory<(route: unknown) => (data: unknown) => string>),
    },
  } as NonNullable<FastifyServerOptions['schemaController']>;
}
