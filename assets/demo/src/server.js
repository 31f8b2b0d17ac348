// A tiny static file server for the demo.
const http = require("http");
const fs = require("fs");
const path = require("path");

const root = path.resolve(process.argv[2] || ".");
const port = Number(process.env.PORT || 8080);

http
  .createServer((req, res) => {
    const file = path.join(root, path.normalize(req.url));
    if (!file.startsWith(root)) {
      res.writeHead(403).end("forbidden\n");
      return;
    }
    fs.createReadStream(file)
      .on("error", () => res.writeHead(404).end("not found\n"))
      .pipe(res);
  })
  .listen(port, "127.0.0.1", () => console.log(`serving ${root} on :${port}`));
