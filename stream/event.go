package stream

// Event is one thing that happened, addressed to one topic.
type Event struct {
	Topic string `json:"topic"`
	Type  string `json:"type"`
	// ID is what the event is about: a status id for update,
	// status.update, delete and conversation; a notification id for
	// notification; empty for filters_changed.
	ID string `json:"id,omitempty"`
}

// Event types, named as the Mastodon streaming API names them.
const (
	TypeUpdate         = "update"
	TypeDelete         = "delete"
	TypeStatusUpdate   = "status.update"
	TypeNotification   = "notification"
	TypeConversation   = "conversation"
	TypeFiltersChanged = "filters_changed"
)

// Topics that are not about one account, list or tag.
const (
	TopicPublic       = "public"
	TopicPublicLocal  = "public:local"
	TopicPublicRemote = "public:remote"
)

// HomeTopic carries accountID's home timeline: update, status.update and
// delete of statuses in it, and filters_changed.
func HomeTopic(accountID string) string { return "home:" + accountID }

// NotificationTopic carries accountID's new notifications.
func NotificationTopic(accountID string) string { return "notification:" + accountID }

// DirectTopic carries conversation (and delete) events of the direct
// statuses accountID writes or is addressed by.
func DirectTopic(accountID string) string { return "direct:" + accountID }

// ListTopic carries statuses by the members of list listID.
func ListTopic(listID string) string { return "list:" + listID }

// HashtagTopic carries public statuses tagged tag (normalized as the store
// keeps tag names); local restricts it to this instance's statuses.
func HashtagTopic(tag string, local bool) string {
	if local {
		return "hashtag:local:" + tag
	}
	return "hashtag:" + tag
}
