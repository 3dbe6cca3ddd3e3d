module github.com/latampay/latampay-go/internal/benchcmp/stripebench

go 1.23

require (
	github.com/latampay/latampay-go v0.0.0
	github.com/stretchr/testify v1.12.1
	github.com/stripe/stripe-go/v82 v82.5.1
)

require go.yaml.in/yaml/v3 v3.0.5 // indirect

replace github.com/latampay/latampay-go => ../../..
