resource "aws_acm_certificate" "main" {
  domain_name       = "ledger.example.com"
  validation_method = "DNS"

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "certificate_validation" {
  zone_id         = "Z0123456789ABCDEFGHIJ"
  name            = one(aws_acm_certificate.main.domain_validation_options).resource_record_name
  type            = one(aws_acm_certificate.main.domain_validation_options).resource_record_type
  records         = [one(aws_acm_certificate.main.domain_validation_options).resource_record_value]
  ttl             = 60
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "main" {
  certificate_arn         = aws_acm_certificate.main.arn
  validation_record_fqdns = [aws_route53_record.certificate_validation.fqdn]
}
