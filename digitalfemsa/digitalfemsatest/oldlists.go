package digitalfemsatest

import (
	"net/http"
	"strings"

	"github.com/latampay/latampay-go/internal/fakeapi"
)

// listQuery and writePage serve the lists not declared yet.
type listQuery struct {
	search string
}

func parseList(w http.ResponseWriter, r *http.Request) (listQuery, bool) {
	if _, err := readPaging(r); err != nil {
		writeFail(w, r, err)
		return listQuery{}, false
	}
	return listQuery{search: strings.ToLower(r.URL.Query().Get("search"))}, true
}

func writePage[T any](w http.ResponseWriter, r *http.Request, items []*T, idOf func(*T) string, _ listQuery) {
	listDerived(w, r, items, func(v **T) string { return idOf(*v) })
}

// getByID answers the stored object the path's id names.
func getByID[T any](store *fakeapi.Store[T], kind string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		snap, ok := store.Snapshot(id)
		if !ok {
			notFound(w, r, kind, id)
			return
		}
		writeJSON(w, http.StatusOK, snap)
	}
}

// deleteByID removes the object the path's id names.
func deleteByID[T any](store *fakeapi.Store[T], kind string, answer func(*T) any) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		snap, ok := store.Remove(id)
		if !ok {
			notFound(w, r, kind, id)
			return
		}
		writeJSON(w, http.StatusOK, answer(&snap))
	}
}
