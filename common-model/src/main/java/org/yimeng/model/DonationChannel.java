package org.yimeng.model;

/** How a donation arrived (api.md). */
public enum DonationChannel {
    CASH, WECHAT, ALIPAY, UNIONPAY, BANK
}
