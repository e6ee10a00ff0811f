// One budget per real use, measured on the built package (dist/) with esbuild + brotli, the way an
// application bundler would see `import { … } from '@lava/fn'`.
module.exports = [
  {
    name: 'ky alone (reference)',
    path: 'node_modules/ky/distribution/index.js',
    import: 'ky',
    limit: '4.7 KB',
  },
  {
    name: '{ createConfig, getCustomer }',
    path: 'dist/esm/index.js',
    import: '{ createConfig, getCustomer }',
    limit: '7.7 KB',
  },
];
