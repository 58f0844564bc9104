import { afterEach, beforeEach, describe, expect, test } from "vitest";

const log = (s: string) => console.log(s);

const it = test.extend<{ db: string[]; user: string; auto: number; file: { n: number } }>({
  db: async ({}, use) => {
    log("db setup");
    const rows: string[] = [];
    await use(rows);
    log(`db teardown ${rows.length}`);
  },
  user: async ({ db }, use) => {
    db.push("user");
    log("user setup");
    await use("alice");
    log("user teardown");
  },
  auto: [
    async ({}, use) => {
      log("auto setup");
      await use(1);
      log("auto teardown");
    },
    { auto: true },
  ],
  file: [
    async ({}, use) => {
      log("file setup");
      await use({ n: 0 });
      log("file teardown");
    },
    { scope: "file" },
  ],
});

describe("fixtures", () => {
  it("gets what it destructures and its dependencies", ({ user, db }) => {
    log("body 1");
    expect(user).toBe("alice");
    expect(db).toEqual(["user"]);
  });

  it("gets fresh test-scoped fixtures", ({ db, file }) => {
    log("body 2");
    expect(db).toEqual([]);
    file.n++;
  });

  it("shares file-scoped fixtures", ({ file }) => {
    log("body 3");
    expect(file.n).toBe(1);
  });

  it("needs no fixture", () => {
    log("body 4");
  });
});

const withStatic = test.extend({ answer: 42 });
withStatic("static values", ({ answer }) => {
  expect(answer).toBe(42);
});

const extended = it.extend<{ greeting: string }>({
  greeting: async ({ user }, use) => {
    await use(`hello ${user}`);
  },
});
extended("extends an extended test", ({ greeting }) => {
  expect(greeting).toBe("hello alice");
});

const built = test.extend("counter", async ({}, { onCleanup }) => {
  onCleanup(() => log("counter cleanup"));
  return 7;
});
built("builder form", ({ counter }) => {
  expect(counter).toBe(7);
});

const broken = test.extend({
  noUse: async ({}, use) => {},
});
broken("a fixture that never calls use", ({ noUse }) => {});

it("rejects a non-destructured context", (ctx) => {});
