output "cluster_name" {
  value       = aws_eks_cluster.main.name
  description = "aws eks update-kubeconfig --name <this>"
}

output "namespace" {
  value = "ledger-prod"
}

output "certificate_arn" {
  value       = aws_acm_certificate_validation.main.certificate_arn
  description = "the ALB's certificate (IngressClassParams certificateARNs)"
}

output "live_url" {
  value       = "https://ledger.example.com"
  description = "where the deployment answers"
}
