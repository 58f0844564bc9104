import { describe, expect, it } from "vitest";

describe("inline", () => {
  it("fills empty snapshots", () => {
    expect({ a: 1, b: [true, null] }).toMatchInlineSnapshot();
    expect("one line").toMatchInlineSnapshot();
    expect(() => {
      throw new Error("bad");
    }).toThrowErrorMatchingInlineSnapshot();
  });

  it("keeps matching snapshots as they are", () => {
    expect([1, 2]).toMatchInlineSnapshot(`
      [
        1,
        2,
      ]
    `);
  });

  it("rewrites a mismatch only under -u", () => {
    expect({ value: "new" }).toMatchInlineSnapshot(`
      {
        "value": "old",
      }
    `);
  });

  it("writes after properties", () => {
    expect({ id: 7, name: "x" }).toMatchInlineSnapshot({ id: expect.any(Number) });
  });

  it("escapes backticks", () => {
    expect("`tick` ${x}").toMatchInlineSnapshot();
  });
});

	it("keeps tab indentation", () => {
		expect({ tab: true }).toMatchInlineSnapshot();
	});
