package entity

// AdminDomainBlock is Mastodon's Admin::DomainBlock: a domain block as
// moderators see it.
type AdminDomainBlock struct {
	ID             string  `json:"id"`
	Domain         string  `json:"domain"`
	Digest         string  `json:"digest"`
	CreatedAt      Time    `json:"created_at"`
	Severity       string  `json:"severity"`
	RejectMedia    bool    `json:"reject_media"`
	RejectReports  bool    `json:"reject_reports"`
	PrivateComment *string `json:"private_comment"`
	PublicComment  *string `json:"public_comment"`
	Obfuscate      bool    `json:"obfuscate"`
}

// DomainBlock is Mastodon's public DomainBlock (GET
// /api/v1/instance/domain_blocks): the domain (obfuscated when the block
// says so), the SHA-256 digest of the real domain, and the public comment.
type DomainBlock struct {
	Domain   string  `json:"domain"`
	Digest   string  `json:"digest"`
	Severity string  `json:"severity"`
	Comment  *string `json:"comment"`
}
