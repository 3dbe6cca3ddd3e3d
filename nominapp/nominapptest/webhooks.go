package nominapptest

// DeliverWebhooks records url as the webhook target (WebhookURL reports
// it) and changes nothing else: Nominapp documents no webhooks or
// callbacks, so the fake emits none and Deliveries stays empty. It is
// here so that code written for the five fakes runs against this one.
func (s *Server) DeliverWebhooks(url string) { s.Server.DeliverWebhooks(url) }
