// Drives our Piston v2 endpoints with the unmodified piston-client package.
// Usage: node client_test.mjs SERVER_URL PATH_TO_piston-client/index.js
import assert from "node:assert/strict";

const [server, modulePath] = process.argv.slice(2);
const { default: piston } = await import(modulePath);
const client = piston({ server });

const runtimes = await client.runtimes();
assert.ok(Array.isArray(runtimes), `runtimes: ${JSON.stringify(runtimes)}`);
const names = runtimes.map((r) => r.language);
for (const lang of ["python3", "c"]) assert.ok(names.includes(lang), `${lang} in ${names}`);
for (const r of runtimes) {
  assert.equal(typeof r.version, "string");
  assert.ok(Array.isArray(r.aliases));
}

const hello = await client.execute("python3", 'print("Hello World!")');
assert.equal(hello.language, "python3", JSON.stringify(hello));
assert.equal(hello.run.stdout, "Hello World!\n");
assert.equal(hello.run.output, "Hello World!\n");
assert.equal(hello.run.code, 0);
assert.equal(hello.run.signal, null);
assert.equal(hello.compile, undefined);

// piston-client sends args ["1","2","3"] by default.
const argv = await client.execute("python3", "import sys; print(sys.argv[1:])");
assert.equal(argv.run.stdout, "['1', '2', '3']\n", JSON.stringify(argv));

const stdin = await client.execute("python3", "print(input()[::-1])", { stdin: "abc\n" });
assert.equal(stdin.run.stdout, "cba\n", JSON.stringify(stdin));

const exit = await client.execute("python3", "import sys; sys.stderr.write('bad'); sys.exit(2)");
assert.equal(exit.run.code, 2, JSON.stringify(exit));
assert.equal(exit.run.stderr, "bad");

const c = await client.execute("c", '#include <stdio.h>\nint main(void){puts("from c");return 0;}');
assert.equal(c.compile.code, 0, JSON.stringify(c));
assert.equal(c.run.stdout, "from c\n");

const broken = await client.execute("c", "int main( {");
assert.notEqual(broken.compile.code, 0, JSON.stringify(broken));
assert.ok(broken.compile.stderr.length > 0);

const timeout = await client.execute("python3", "while True: pass", { runTimeout: 500 });
assert.equal(timeout.run.signal, "SIGKILL", JSON.stringify(timeout));
assert.equal(timeout.run.code, null);

const unknown = await client.execute("cobol", "DISPLAY 'HI'.");
assert.equal(typeof unknown.message, "string", JSON.stringify(unknown));

console.log("piston-client: all checks passed");
