package static

import "embed"

// OAuthTemplates holds the pages of the OAuth sign-in flow, parsed by
// handlers/oauth: layout.html wraps each of sign_in.html, authorize.html,
// code.html and error.html, which define "content".
//
//go:embed templates/oauth/*.html
var OAuthTemplates embed.FS
