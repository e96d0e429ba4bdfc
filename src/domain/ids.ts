/**
 * Branded ids: the type system stops a node id from being used where a cache key or
 * request id is expected. Brands cost nothing at run time; `as` casts live only in the
 * few constructors below and in parsers that have just validated the string.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type NodeId = Brand<string, "NodeId">;
export type EdgeId = Brand<string, "EdgeId">;
export type WorkflowId = Brand<string, "WorkflowId">;
/** Content key of a node's result: hash of kind, endpoint, effective params and upstream keys. */
export type CacheKey = Brand<string, "CacheKey">;
/** fal's queue request id, as returned by submit. */
export type RequestId = Brand<string, "RequestId">;
/** A fal endpoint id such as `fal-ai/sora-2/text-to-video/pro`. */
export type EndpointId = Brand<string, "EndpointId">;
/** Hex SHA-256 of some bytes (images, videos, uploads). */
export type ContentHash = Brand<string, "ContentHash">;

export const nodeId = (s: string) => s as NodeId;
export const edgeId = (s: string) => s as EdgeId;
export const workflowId = (s: string) => s as WorkflowId;
export const cacheKey = (s: string) => s as CacheKey;
export const requestId = (s: string) => s as RequestId;
export const endpointId = (s: string) => s as EndpointId;
export const contentHash = (s: string) => s as ContentHash;
