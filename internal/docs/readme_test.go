package docs

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Go block starts with a line naming the compiled file it is taken from:
//
//	// excerpt: examples/first/main.go
var marker = regexp.MustCompile(`^// excerpt: (\S+)$`)

func TestReadmeGoBlocksAreCompiledExcerpts(t *testing.T) {
	t.Parallel()
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	blocks := goBlocks(string(readme))
	require.NotEmpty(t, blocks, "README.md has Go examples")
	for i, b := range blocks {
		lines := strings.SplitN(b, "\n", 2)
		m := marker.FindStringSubmatch(lines[0])
		if !assert.NotNil(t, m, "Go block %d must start with `// excerpt: <file>`; it starts %q", i+1, lines[0]) {
			continue
		}
		src, err := os.ReadFile(filepath.Join(root, m[1]))
		if !assert.NoError(t, err, "block %d names %s", i+1, m[1]) {
			continue
		}
		body := ""
		if len(lines) == 2 {
			body = lines[1]
		}
		assert.True(t, strings.Contains(normalize(string(src)), normalize(body)),
			"Go block %d of README.md is not an excerpt of %s as it stands", i+1, m[1])
	}
}

func goBlocks(md string) []string {
	var out []string
	var cur []string
	in := false
	for _, line := range strings.Split(md, "\n") {
		switch {
		case !in && strings.TrimSpace(line) == "```go":
			in, cur = true, nil
		case in && strings.TrimSpace(line) == "```":
			in = false
			out = append(out, strings.Join(cur, "\n"))
		case in:
			cur = append(cur, line)
		}
	}
	return out
}

// normalize drops trailing spaces and blank lines so an excerpt may start and
// end anywhere on a line boundary.
func normalize(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}
