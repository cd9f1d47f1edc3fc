package entity

import (
	"strconv"

	"github.com/stoa-social/stoa/models"
)

// Tag is Mastodon's Tag entity: a hashtag with its recent use. Following
// is present only for a signed-in viewer.
type Tag struct {
	ID        string       `json:"id"`
	Name      string       `json:"name"`
	URL       string       `json:"url"`
	History   []TagHistory `json:"history"`
	Following *bool        `json:"following,omitempty"`
}

// TagHistory is one day of a tag's use. Every value is a string, as in
// Mastodon: day is the Unix time of midnight UTC.
type TagHistory struct {
	Day      string `json:"day"`
	Uses     string `json:"uses"`
	Accounts string `json:"accounts"`
}

// NewTag renders t with its history (newest day first; nil renders []) and,
// when following is not nil, the viewer's following flag. The name keeps
// the case the tag was first written in, as Mastodon shows it.
func NewTag(site models.Site, t *models.Tag, history []models.TagDay, following *bool) Tag {
	e := Tag{ID: t.ID, Name: orDefault(t.DisplayName, t.Name), URL: site.URL("/tags/" + t.Name),
		History: make([]TagHistory, 0, len(history)), Following: following}
	for _, d := range history {
		e.History = append(e.History, TagHistory{
			Day: strconv.FormatInt(d.Day.Unix(), 10), Uses: strconv.Itoa(d.Uses), Accounts: strconv.Itoa(d.Accounts),
		})
	}
	return e
}
