/** Values built from the JSON schemas of the OpenAPI document, for tests that call every operation. */

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  minimum?: number;
  minLength?: number;
  format?: string;
  default?: unknown;
};
export function schemaType(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  const option = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  return option?.map(schemaType).find(Boolean);
}

export function branch(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.find((o) => schemaType(o) && schemaType(o) !== 'null') ?? schema;
  if (schema.allOf) return Object.assign({}, ...schema.allOf);
  return schema;
}

/** A value the schema would plausibly accept: the starting point that one mutation then spoils. */
export function plausible(input: JsonSchema, depth = 0): unknown {
  const schema = branch(input);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  switch (schemaType(schema)) {
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      if (depth > 3) return {};
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? [])
        if (schema.properties?.[key]) value[key] = plausible(schema.properties[key], depth + 1);
      return value;
    }
    case 'string':
      if (schema.format === 'email') return 'fuzz@example.com';
      if (schema.format === 'date') return '2026-12-05';
      if (schema.format === 'date-time') return '2026-12-05T08:00:00.000Z';
      return 'fuzz'.padEnd(schema.minLength ?? 1, 'z');
    default:
      return 'fuzz';
  }
}
