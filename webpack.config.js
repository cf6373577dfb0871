// Builds the task pane (with the ribbon commands, which share its runtime) into
// dist-web/, with the manifest and icons. PROFORMA_URL sets the deployed address, and
// PROFORMA_ID the add-in's Id (see deployedManifest).
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const DEV_URL = 'https://localhost:3000';

/** The certificates `office-addin-dev-certs install` writes, for the HTTPS dev server. */
function devCertificates() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  if (!fs.existsSync(path.join(dir, files.cert)))
    throw new Error('No development certificates: run `npm run certs` first (see README).');
  return Object.fromEntries(Object.entries(files).map(([k, f]) => [k, fs.readFileSync(path.join(dir, f))]));
}

const DEV_ID = 'e393cf90-ba9a-45c0-84fc-ac0394c30006';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The manifest for a deployment: every development address replaced by `url`, and an <Id> of
 * the board's own. Office tells add-ins apart by their Id, so a board's deployment must not
 * share the development Id (or another board's): `id` when given (a GUID), else one derived
 * from the address (a name-based, version 5 style UUID), the same on every build for that
 * address; the development Id only for the development server.
 */
function deployedManifest(xml, { url = DEV_URL, id } = {}) {
  const address = url.replace(/\/$/, '');
  if (!/^https:\/\//.test(address)) throw new Error(`PROFORMA_URL must be an https:// address, not "${url}"`);
  if (id !== undefined && !GUID.test(id))
    throw new Error(`PROFORMA_ID must be a GUID such as ${crypto.randomUUID()}, not "${id}"`);
  const derived = () => {
    const hash = crypto.createHash('sha1').update(`proforma:${address}`).digest('hex');
    const variant = ((parseInt(hash[16], 16) & 0x3) | 0x8).toString(16);
    return `${hash.slice(0, 8)}-${hash.slice(8, 12)}-5${hash.slice(13, 16)}-${variant}${hash.slice(17, 20)}-${hash.slice(20, 32)}`;
  };
  const ownId = id ?? (address === DEV_URL ? DEV_ID : derived());
  return xml
    .replace(`<AppDomain>${DEV_URL}</AppDomain>`, `<AppDomain>${new URL(address).origin}</AppDomain>`)
    .split(DEV_URL)
    .join(address)
    .replace(/<Id>[^<]*<\/Id>/, `<Id>${ownId.toLowerCase()}</Id>`);
}

module.exports = (env, argv) => {
  const production = argv.mode === 'production';
  const url = (process.env.PROFORMA_URL || DEV_URL).replace(/\/$/, '');
  const id = process.env.PROFORMA_ID || undefined;
  return {
    devtool: production ? 'source-map' : 'eval-source-map',
    entry: { taskpane: './src/taskpane/index.tsx' },
    output: { path: path.resolve(__dirname, 'dist-web'), filename: '[name].[contenthash:8].js', clean: true },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'ts-loader',
          options: {
            transpileOnly: true,
            compilerOptions: { module: 'esnext', moduleResolution: 'bundler', sourceMap: true },
          },
        },
      ],
    },
    performance: { maxAssetSize: 1_500_000, maxEntrypointSize: 1_500_000 },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/support.html', to: 'support.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: (content) => deployedManifest(content.toString(), { url, id }),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: path.resolve(__dirname, 'dist-web') },
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: { type: 'https', options: env.WEBPACK_SERVE ? devCertificates() : {} },
      port: 3000,
    },
  };
};

module.exports.deployedManifest = deployedManifest;
