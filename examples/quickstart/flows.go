package main

// flows lists the provider walk-throughs in the order they run.
var flows = []flow{}
