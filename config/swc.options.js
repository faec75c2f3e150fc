// How TypeScript is compiled outside the Nest build: by Jest and by the script loader alike
// (types stripped, legacy decorators with metadata, ES modules).
export const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};
