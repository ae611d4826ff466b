// Icons: n8n-node build copies them verbatim; this task replaces the copies in dist/ with
// minified ones (comments and inter-tag whitespace removed), so the package ships lean SVGs.
const { Transform } = require('node:stream');
const { dest, src } = require('gulp');

function minifySvg() {
	return new Transform({
		objectMode: true,
		transform(file, _encoding, done) {
			if (file.isBuffer()) {
				const svg = file.contents
					.toString('utf8')
					.replace(/<!--[\s\S]*?-->/g, '')
					.replace(/>\s+</g, '><')
					.trim();
				file.contents = Buffer.from(svg);
			}
			done(null, file);
		},
	});
}

function buildIcons() {
	return src('icons/**/*.svg').pipe(minifySvg()).pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
