package federation

import (
	"context"
	"testing"

	"github.com/stoa-social/stoa/models"
)

func TestSignerContext(t *testing.T) {
	t.Parallel()
	if a := SignerFrom(context.Background()); a != nil {
		t.Fatalf("empty context has signer %v", a)
	}
	want := &models.Account{ID: "x"}
	if got := SignerFrom(WithSigner(context.Background(), want)); got != want {
		t.Fatalf("got %v, want %v", got, want)
	}
}
