package assets

import _ "embed"

// DefaultConfig is the documented default config.toml.
//
//go:embed config.toml
var DefaultConfig string
