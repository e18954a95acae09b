export default {
  /** pure AssemblyScript unit tests (no host imports) */
  entries: [process.env.ASP_FILES || "tests/unit/**/*.spec.ts"],
  include: ["tests/unit/**/*.include.ts"],
  disclude: [/node_modules/],
  async instantiate(memory, createImports, instantiate, binary) {
    return instantiate(binary, createImports({ env: { memory } }));
  },
  outputBinary: false,
};
