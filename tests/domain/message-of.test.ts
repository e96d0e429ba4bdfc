import { describe, expect, it } from "vitest";
import { messageOf } from "../../src/domain/message-of";

describe("messageOf", () => {
  it("says an Error by its message, subclasses included", () => {
    expect(messageOf(new Error("disk full"))).toBe("disk full");
    expect(messageOf(new TypeError("Failed to fetch"))).toBe("Failed to fetch");
  });

  it("says anything else thrown as its string form", () => {
    expect(messageOf("plain words")).toBe("plain words");
    expect(messageOf(404)).toBe("404");
    expect(messageOf(null)).toBe("null");
    expect(messageOf(undefined)).toBe("undefined");
  });

  it("says an object by its message when it carries one, else by its JSON, never [object Object]", () => {
    expect(messageOf({ message: "not an Error" })).toBe("not an Error");
    expect(messageOf({ code: 7, why: "quota" })).toBe('{"code":7,"why":"quota"}');
    expect(messageOf({ long: "x".repeat(500) })).toHaveLength(201);
    const cycle: { self?: unknown } = {};
    cycle.self = cycle;
    expect(messageOf(cycle)).toBe("{self}");
  });
});
