'use strict'
// Inline rules for the tests: the built-in catalog is still being written, and tests should
// not depend on its exact contents.

const RULES = String.raw`
[[rule]]
id = "aws-access-key-id"
name = "AWS access key id"
category = "secret"
keywords = ["AKIA"]
pattern = '\b(?P<secret>AKIA[0-9A-Z]{16})\b'

[[rule]]
id = "github-pat"
name = "GitHub personal access token"
category = "secret"
keywords = ["ghp_"]
pattern = '\bghp_[A-Za-z0-9]{36}\b'

[[rule]]
id = "email"
name = "Email address"
category = "pii"
keywords = ["@"]
pattern = '\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b'

[[rule]]
id = "pem-private-key"
name = "PEM private key"
category = "secret"
keywords = ["-----BEGIN"]
multiline = true
max_len = 8192
pattern = '-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----'
`

const AWS = 'AKIAZ3MHKEY7PQ4XW2LN'
const GITHUB = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'
const EMAIL = 'ann@example.com'
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEA7vQ3k9ZyL0dYt2mXbQ',
  'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789==',
  '-----END RSA PRIVATE KEY-----',
].join('\n')

module.exports = { RULES, AWS, GITHUB, EMAIL, PEM }
