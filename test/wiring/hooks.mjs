// Node module hooks: `import ... from 'electron'` gets the stand-in instead of the npm package.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./electron-stub.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
