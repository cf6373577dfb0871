// Builds the task pane (with the ribbon commands, which share its runtime) into
// dist-web/, with the manifest and icons. PROFORMA_URL sets the deployed address.
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

module.exports = (env, argv) => {
  const production = argv.mode === 'production';
  const url = (process.env.PROFORMA_URL || DEV_URL).replace(/\/$/, '');
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
            transform: (content) => content.toString().split(DEV_URL).join(url),
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
