/** Any JSON value; the TypeScript side of a C# `JsonElement`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object, as decoded from the wire. */
export type JsonObject = { [key: string]: JsonValue };
