// Field paths in configuration errors: built in one allocation (configure of 1,000 tools builds tens of thousands).
import { fieldPath, indexPath } from "../../assembly/config/reader";
describe("paths", () => {
  it("builds", () => {
    expect(fieldPath("", "a")).toBe("a");
    expect(fieldPath("tools[3]", "name")).toBe("tools[3].name");
    expect(fieldPath("x", "")).toBe("x.");
    expect(indexPath("tools", 0)).toBe("tools[0]");
    expect(indexPath("tools", 9)).toBe("tools[9]");
    expect(indexPath("tools", 10)).toBe("tools[10]");
    expect(indexPath("", 1234567890)).toBe("[1234567890]");
    expect(indexPath("a", 2147483647)).toBe("a[2147483647]");
    expect(indexPath("a", -1)).toBe("a[-1]");
    expect(indexPath("é", 105)).toBe("é[105]");
  });
});
