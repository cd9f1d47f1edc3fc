package mastodon

import "github.com/stoa-social/stoa/handlers/mastodon/entity"

// Limits Stoa announces in the instance configuration and enforces.
const (
	// MaxStatusCharacters is long on purpose: knowledge posts are long.
	MaxStatusCharacters      = 5000
	MaxMediaAttachments      = 4
	CharactersReservedPerURL = 23
	MaxFeaturedTags          = 10
	MaxPinnedStatuses        = 5

	MediaDescriptionLimit = 1500
	ImageSizeLimit        = 16 << 20 // bytes
	ImageMatrixLimit      = 33177600 // pixels, 7680x4320
	VideoSizeLimit        = 99 << 20 // bytes
	VideoFrameRateLimit   = 120
	VideoMatrixLimit      = 8294400 // pixels, 3840x2160

	PollMaxOptions             = 4
	PollMaxCharactersPerOption = 50
	PollMinExpiration          = 300     // seconds
	PollMaxExpiration          = 2629746 // seconds, a month
)

// SupportedMIMETypes are the uploads media attachments accept: exactly
// what the upload's content sniffing lets through (media_file.go).
func SupportedMIMETypes() []string { return mediaContentTypes() }

func accountLimits() entity.AccountLimits {
	return entity.AccountLimits{MaxFeaturedTags: MaxFeaturedTags, MaxPinnedStatuses: MaxPinnedStatuses}
}

func statusLimits() entity.StatusLimits {
	return entity.StatusLimits{
		MaxCharacters:            MaxStatusCharacters,
		MaxMediaAttachments:      MaxMediaAttachments,
		CharactersReservedPerURL: CharactersReservedPerURL,
	}
}

func mediaLimits() entity.MediaLimits {
	return entity.MediaLimits{
		SupportedMIMETypes:  SupportedMIMETypes(),
		DescriptionLimit:    MediaDescriptionLimit,
		ImageSizeLimit:      ImageSizeLimit,
		ImageMatrixLimit:    ImageMatrixLimit,
		VideoSizeLimit:      VideoSizeLimit,
		VideoFrameRateLimit: VideoFrameRateLimit,
		VideoMatrixLimit:    VideoMatrixLimit,
	}
}

func pollLimits() entity.PollLimits {
	return entity.PollLimits{
		MaxOptions:             PollMaxOptions,
		MaxCharactersPerOption: PollMaxCharactersPerOption,
		MinExpiration:          PollMinExpiration,
		MaxExpiration:          PollMaxExpiration,
	}
}
