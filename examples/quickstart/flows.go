package main

// flows lists the provider walk-throughs in the order they run. Each lives
// in its own file beside this one.
var flows = []flow{
	{"Culqi", runCulqi},
	{"DigitalFemsa", runDigitalfemsa},
	{"Sr. Pago", runSrpago},
	{"Cubo", runCubo},
	{"Nominapp", runNominapp},
}
