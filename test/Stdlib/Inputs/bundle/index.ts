// The handler: bundled by esbuild with its local modules into index.js.
import { greet } from "./lib/greet";
import { shout } from "./lib/shout";

export const handler = async (event: { name?: string }) => ({
  statusCode: 200,
  body: shout(greet(event.name ?? "world")),
});
