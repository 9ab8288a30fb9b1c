// Prints a free TCP port on 127.0.0.1, so that the scripts never collide with another service on a shared machine.
import { createServer } from "node:net";

const server = createServer().listen(0, "127.0.0.1", () => {
  console.log(server.address().port);
  server.close();
});
