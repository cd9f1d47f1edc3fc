package oauth

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stoa-social/stoa/models"
)

func TestSessionCookieAttributes(t *testing.T) {
	t.Parallel()
	for base, secure := range map[string]bool{"https://stoa.example": true, "http://127.0.0.1:8080": false} {
		h := &Handler{Site: models.MustSite(base)}
		w := httptest.NewRecorder()
		h.setCookie(w, models.NewSecret(), SessionLifetime)
		c := w.Result().Cookies()[0]
		if c.Name != sessionCookie || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure != secure ||
			c.Path != "/" || c.MaxAge != int(SessionLifetime.Seconds()) {
			t.Errorf("%s: cookie %+v", base, c)
		}
	}
}

func TestCSRFTokenIsPerSession(t *testing.T) {
	t.Parallel()
	a, b := &session{secret: models.NewSecret()}, &session{secret: models.NewSecret()}
	if a.csrfToken() == b.csrfToken() || a.csrfToken() != a.csrfToken() {
		t.Fatal("CSRF tokens are not per session or not stable")
	}
	if !a.validCSRF(a.csrfToken()) || a.validCSRF(b.csrfToken()) || a.validCSRF("") || (*session)(nil).validCSRF("x") {
		t.Error("validCSRF")
	}
	for s, ok := range map[string]bool{models.NewSecret(): true, "short": false, models.NewSecret()[:42] + "!": false} {
		if wellFormedSecret(s) != ok {
			t.Errorf("wellFormedSecret(%q) != %v", s, ok)
		}
	}
}
