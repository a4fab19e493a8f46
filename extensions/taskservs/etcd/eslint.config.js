module.exports = [...require('../../../eslint.config.js')];
