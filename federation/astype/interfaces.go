package astype

import "github.com/go-fed/activity/streams/vocab"

// Typed is what every go-fed value has: an id and a type name.
type Typed interface {
	GetJSONLDId() vocab.JSONLDIdProperty
	GetTypeName() string
	// GetUnknownProperties holds the properties go-fed does not model
	// (sensitive, endpoints, manuallyApprovesFollowers...).
	GetUnknownProperties() map[string]any
}

// Addressable has the to and cc audiences.
type Addressable interface {
	GetActivityStreamsTo() vocab.ActivityStreamsToProperty
	GetActivityStreamsCc() vocab.ActivityStreamsCcProperty
}

// Statusable is what NoteFrom reads: Note, Article, Page and Question all
// satisfy it.
type Statusable interface {
	Typed
	Addressable
	GetActivityStreamsAttributedTo() vocab.ActivityStreamsAttributedToProperty
	GetActivityStreamsContent() vocab.ActivityStreamsContentProperty
	GetActivityStreamsName() vocab.ActivityStreamsNameProperty
	GetActivityStreamsSummary() vocab.ActivityStreamsSummaryProperty
	GetActivityStreamsInReplyTo() vocab.ActivityStreamsInReplyToProperty
	GetActivityStreamsPublished() vocab.ActivityStreamsPublishedProperty
	GetActivityStreamsUpdated() vocab.ActivityStreamsUpdatedProperty
	GetActivityStreamsUrl() vocab.ActivityStreamsUrlProperty
	GetActivityStreamsTag() vocab.ActivityStreamsTagProperty
	GetActivityStreamsAttachment() vocab.ActivityStreamsAttachmentProperty
	GetActivityStreamsContext() vocab.ActivityStreamsContextProperty
}

// Accountable is what ActorFrom reads: Person, Service, Group, Application
// and Organization satisfy it.
type Accountable interface {
	Typed
	GetActivityStreamsPreferredUsername() vocab.ActivityStreamsPreferredUsernameProperty
	GetActivityStreamsName() vocab.ActivityStreamsNameProperty
	GetActivityStreamsSummary() vocab.ActivityStreamsSummaryProperty
	GetActivityStreamsUrl() vocab.ActivityStreamsUrlProperty
	GetActivityStreamsInbox() vocab.ActivityStreamsInboxProperty
	GetActivityStreamsOutbox() vocab.ActivityStreamsOutboxProperty
	GetActivityStreamsFollowers() vocab.ActivityStreamsFollowersProperty
	GetActivityStreamsFollowing() vocab.ActivityStreamsFollowingProperty
	GetActivityStreamsIcon() vocab.ActivityStreamsIconProperty
	GetActivityStreamsImage() vocab.ActivityStreamsImageProperty
	GetActivityStreamsPublished() vocab.ActivityStreamsPublishedProperty
	GetActivityStreamsAttachment() vocab.ActivityStreamsAttachmentProperty
	GetW3IDSecurityV1PublicKey() vocab.W3IDSecurityV1PublicKeyProperty
	GetTootFeatured() vocab.TootFeaturedProperty
	GetTootDiscoverable() vocab.TootDiscoverableProperty
}

// Activityable is what ActivityFrom reads: every transitive activity
// (Create, Update, Delete, Follow, Accept, Reject, Undo, Like, Announce,
// Block, Flag, Move...) satisfies it.
type Activityable interface {
	Typed
	Addressable
	GetActivityStreamsActor() vocab.ActivityStreamsActorProperty
	GetActivityStreamsObject() vocab.ActivityStreamsObjectProperty
	GetActivityStreamsTarget() vocab.ActivityStreamsTargetProperty
	GetActivityStreamsPublished() vocab.ActivityStreamsPublishedProperty
	GetActivityStreamsContent() vocab.ActivityStreamsContentProperty
}

// Compile-time checks that go-fed's types satisfy the narrow interfaces.
var (
	_ Statusable   = (vocab.ActivityStreamsNote)(nil)
	_ Statusable   = (vocab.ActivityStreamsArticle)(nil)
	_ Statusable   = (vocab.ActivityStreamsPage)(nil)
	_ Statusable   = (vocab.ActivityStreamsQuestion)(nil)
	_ Accountable  = (vocab.ActivityStreamsPerson)(nil)
	_ Accountable  = (vocab.ActivityStreamsService)(nil)
	_ Accountable  = (vocab.ActivityStreamsGroup)(nil)
	_ Accountable  = (vocab.ActivityStreamsApplication)(nil)
	_ Accountable  = (vocab.ActivityStreamsOrganization)(nil)
	_ Activityable = (vocab.ActivityStreamsCreate)(nil)
	_ Activityable = (vocab.ActivityStreamsMove)(nil)
	_ Activityable = (vocab.ActivityStreamsFlag)(nil)
)
