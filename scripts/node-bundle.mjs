// What every esbuild bundle for Node in this repository shares (server, demo, benchmark): the
// workspace packages (TypeScript sources) are bundled in; everything from npm stays external and
// is loaded from node_modules at run time.

const workspaceBundled = {
  name: 'externalise-npm-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@gatehouse/') ? undefined : { path: args.path, external: true },
    );
  },
};

export const NODE_BUNDLE = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  plugins: [workspaceBundled],
};
