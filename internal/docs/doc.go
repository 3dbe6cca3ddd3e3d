// Package docs holds the test that keeps README.md honest: every Go code
// block in it is an excerpt of a file that the build compiles (an example
// program or an Example function), so no snippet can drift from the API.
package docs
