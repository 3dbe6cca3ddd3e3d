package envelope

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Known-answer vectors derived with OpenSSL:
//
//	K=$(printf '0123456789abcdefghijklmnopqrstuv' | xxd -p -c 64)
//	printf '<plaintext>' | openssl enc -aes-256-ecb -K $K -nosalt | base64 -w0
var katKey = []byte("0123456789abcdefghijklmnopqrstuv")

var katVectors = []struct{ name, plain, b64 string }{
	{"three blocks", `{"recurrent":"crd_x","total":{"amount":"123.45"}}`,
		"SlggW6ooTwBQjtEyVbkOLxsNr12ss1F064L2JeZ3sGlz6tNTwtS5h24WTI818VotvvY588fModm0KHAYI/PEwQ=="},
	{"empty: one padding block", "", "zKGJcn0+JLNUCgiokKlCUw=="},
	{"exact block: full padding block", "0123456789abcdef", "9ztbcZ0QQG3W6RoBD7lJ58yhiXJ9PiSzVAoIqJCpQlM="},
}

func TestEncryptECBKnownAnswer(t *testing.T) {
	t.Parallel()
	for _, v := range katVectors {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			ct, err := EncryptECB(katKey, []byte(v.plain))
			require.NoError(t, err)
			assert.Equal(t, v.b64, base64.StdEncoding.EncodeToString(ct))
			want, _ := base64.StdEncoding.DecodeString(v.b64)
			pt, err := DecryptECB(katKey, want)
			require.NoError(t, err)
			assert.Equal(t, v.plain, string(pt))
		})
	}
}

func TestDecryptECBRejectsBadInput(t *testing.T) {
	t.Parallel()
	_, err := DecryptECB(katKey, []byte("short"))
	assert.Error(t, err)
	_, err = DecryptECB(katKey, nil)
	assert.Error(t, err)
	ct, _ := EncryptECB(katKey, []byte("x"))
	_, err = DecryptECB([]byte("another key 32 bytes long 123456"), ct)
	assert.Error(t, err, "wrong key gives bad padding")
	_, err = EncryptECB([]byte("short key"), []byte("x"))
	assert.Error(t, err)
}

func TestNewKey(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		k, err := NewKey()
		require.NoError(t, err)
		require.Len(t, k, KeySize)
		for _, c := range k {
			require.True(t, bytes.IndexByte([]byte(keyAlphabet), c) >= 0)
		}
		require.False(t, seen[string(k)], "keys repeat")
		seen[string(k)] = true
	}
}

func TestSealOpenRoundTrip(t *testing.T) {
	t.Parallel()
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	plain := []byte(`{"number":"4242424242424242","cvv":"123"}`)
	k1, d1, err := Seal(&priv.PublicKey, plain)
	require.NoError(t, err)
	k2, d2, err := Seal(&priv.PublicKey, plain)
	require.NoError(t, err)
	assert.NotEqual(t, k1, k2, "fresh key per call")
	assert.NotEqual(t, d1, d2)
	got, err := Open(priv, k1, d1)
	require.NoError(t, err)
	assert.Equal(t, plain, got)

	// Line-wrapped base64 (as Ruby's encode64 sends) is accepted.
	wrapped := d1[:10] + "\n" + d1[10:]
	got, err = Open(priv, k1, wrapped)
	require.NoError(t, err)
	assert.Equal(t, plain, got)

	_, err = Open(priv, "bm90IGEga2V5", d1)
	assert.Error(t, err)
	_, err = Open(priv, k1, "***")
	assert.Error(t, err)
	_, _, err = Seal(nil, plain)
	assert.Error(t, err)
}

func TestParsePublicKey(t *testing.T) {
	t.Parallel()
	_, err := ParsePublicKey([]byte("nope"))
	assert.Error(t, err)
	_, err = ParsePublicKey([]byte("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
	assert.Error(t, err)
}
