// A generated OpenAPI 3.0 document of N operations sharing components the way large
// real APIs do (shared parameters with object defaults, one wide "expandable" schema
// referenced from every response, nested shared objects, a cycle). Used by the converter
// bench scenario and the converter size tests. Size is linear in N.
type Obj = { [k: string]: unknown };

const ref = (name: string): Obj => ({ $ref: `#/components/schemas/${name}` });

function components(width: number): Obj {
  const wide: Obj = {};
  for (let i = 0; i < width; i++) {
    wide[`field${i}`] =
      i % 3 === 0
        ? ref("Customer")
        : i % 3 === 1
          ? ref("Order")
          : { type: "string", description: `Field number ${i} of the expandable resource` };
  }
  return {
    schemas: {
      Money: {
        type: "object",
        required: ["amount", "currency"],
        properties: {
          amount: { type: "integer", description: "Amount in minor units" },
          currency: { type: "string", description: "ISO 4217 code" },
        },
      },
      Address: {
        type: "object",
        properties: {
          line1: { type: "string" },
          line2: { type: "string" },
          city: { type: "string" },
          postalCode: { type: "string" },
          country: { type: "string", description: "ISO 3166-1 alpha-2" },
        },
      },
      Customer: {
        type: "object",
        properties: {
          id: { type: "string" },
          email: { type: "string", format: "email" },
          address: ref("Address"),
          balance: ref("Money"),
          referredBy: ref("Customer"),
        },
      },
      LineItem: { type: "object", properties: { sku: { type: "string" }, quantity: { type: "integer" }, price: ref("Money") } },
      Order: {
        type: "object",
        properties: {
          id: { type: "string" },
          customer: ref("Customer"),
          shipping: ref("Address"),
          billing: ref("Address"),
          total: ref("Money"),
          items: { type: "array", items: ref("LineItem") },
        },
      },
      Expandable: { type: "object", description: "A resource with many expandable fields", properties: wide },
    },
    parameters: {
      Paging: {
        name: "paging",
        in: "query",
        style: "deepObject",
        explode: true,
        schema: {
          type: "object",
          default: { size: 20, order: "asc" },
          properties: { size: { type: "integer" }, order: { type: "string", enum: ["asc", "desc"] } },
        },
      },
      Expand: { name: "expand", in: "query", schema: { type: "array", items: { type: "string" } } },
    },
  };
}

/** An OpenAPI 3.0 document with `operations` operations (rounded up to a multiple of 4). */
export function generateOpenApi(operations: number, width = 40): Obj {
  const paths: Obj = {};
  const resources = Math.ceil(operations / 4);
  for (let r = 0; r < resources; r++) {
    const base = `/v1/resource${r}`;
    const resp = (schema: Obj): Obj => ({ "200": { description: "OK", content: { "application/json": { schema } } } });
    paths[base] = {
      get: {
        operationId: `listResource${r}`,
        summary: `List resource ${r}`,
        parameters: [{ $ref: "#/components/parameters/Paging" }, { $ref: "#/components/parameters/Expand" }],
        responses: resp({
          type: "object",
          properties: { data: { type: "array", items: ref("Expandable") }, hasMore: { type: "boolean" } },
        }),
      },
      post: {
        operationId: `createResource${r}`,
        summary: `Create resource ${r}`,
        requestBody: { content: { "application/json": { schema: ref("Order") } } },
        responses: resp(ref("Expandable")),
      },
    };
    paths[`${base}/{id}`] = {
      parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
      get: {
        operationId: `getResource${r}`,
        parameters: [{ $ref: "#/components/parameters/Expand" }],
        responses: resp(ref("Expandable")),
      },
      patch: {
        operationId: `updateResource${r}`,
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  customer: ref("Customer"),
                  shipping: ref("Address"),
                  metadata: { type: "object", additionalProperties: { type: "string" } },
                },
              },
            },
          },
        },
        responses: resp(ref("Order")),
      },
    };
  }
  return {
    openapi: "3.0.3",
    info: { title: `Generated API (${resources * 4} operations)`, version: "1" },
    servers: [{ url: "https://api.example.com" }],
    paths,
    components: components(width),
  };
}
