package delivery

import (
	"errors"
	"net/http"
	"time"

	"github.com/stoa-social/stoa/federation/httpclient"
)

type verdict int

const (
	delivered verdict = iota // 2xx: done
	gone                     // 410: the inbox is gone for good
	permanent                // retrying cannot help: other 4xx, refused address, bad URL
	retry                    // try again later
)

// outcome is what an attempt's error means for the delivery.
type outcome struct {
	verdict   verdict
	status    int       // HTTP status, 0 without a response
	hostFault bool      // counts against the host's health
	retryAt   time.Time // a Retry-After to honour; zero: none
}

// judge classifies the result of a POST made at now. Network errors and 5xx are the
// host's fault; 408 and 429 are retried without blaming the host; 429 and
// 503 bring their Retry-After. Other 4xx, and 3xx the client did not
// follow, are permanent.
func judge(err error, now time.Time) outcome {
	if err == nil {
		return outcome{verdict: delivered}
	}
	var se *httpclient.StatusError
	if !errors.As(err, &se) {
		if errors.Is(err, httpclient.ErrForbiddenAddress) || errors.Is(err, httpclient.ErrBadURL) ||
			errors.Is(err, httpclient.ErrTooManyRedirects) {
			return outcome{verdict: permanent}
		}
		return outcome{verdict: retry, hostFault: true}
	}
	o := outcome{status: se.Response.Status}
	switch s := o.status; {
	case s == http.StatusGone:
		o.verdict = gone
	case s == http.StatusTooManyRequests || s == http.StatusServiceUnavailable:
		o.verdict = retry
		o.hostFault = s == http.StatusServiceUnavailable
		o.retryAt, _ = se.RetryAfter(now)
	case s == http.StatusRequestTimeout:
		o.verdict = retry
	case s >= 500:
		o.verdict, o.hostFault = retry, true
	case s >= 300:
		o.verdict = permanent
	default: // 1xx that ended an exchange: odd, try again
		o.verdict = retry
	}
	return o
}
